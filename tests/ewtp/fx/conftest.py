"""Real ECB files, and broken variants of them, for the rate readers and imports."""

import io
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "fx"


def zipped(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def daily_xml() -> bytes:
    """The ECB's eurofxref-daily.xml of 2022-07-08 (31 currencies, HRK and BGN included)."""
    return (DATA / "eurofxref-daily-2022-07-08.xml").read_bytes()


@pytest.fixture(scope="session")
def hist_csv() -> bytes:
    """The real eurofxref-hist.csv shipped in seeds/ (1999-01-04 to 2026-10-30)."""
    with zipfile.ZipFile(SEEDS / "eurofxref-hist.zip") as archive:
        return archive.read("eurofxref-hist.csv")


@pytest.fixture(scope="session")
def recent_hist_csv(hist_csv) -> bytes:
    """The header and the ten newest days of the real history, as the ECB lays it out."""
    lines = hist_csv.decode().splitlines(keepends=True)
    return "".join(lines[:11]).encode()


@pytest.fixture(scope="session")
def daily_csv(hist_csv) -> bytes:
    """The layout of eurofxref.csv inside eurofxref.zip: long-form date, a space after each comma."""
    lines = hist_csv.decode().splitlines()
    header = [c for c in lines[0].split(",")]
    values = lines[1].split(",")
    kept = [(h, v) for h, v in zip(header, values, strict=True) if v != "N/A"]
    kept[0] = ("Date", "30 October 2026")
    return (", ".join(h for h, _ in kept) + "\n" + ", ".join(v for _, v in kept) + "\n").encode()


@pytest.fixture(scope="session")
def hist_xml(recent_hist_csv) -> bytes:
    """eurofxref-hist.xml layout (several Cube[@time] blocks), built from the real rates of ten days."""
    lines = recent_hist_csv.decode().splitlines()
    header = lines[0].split(",")
    days = []
    for line in lines[1:]:
        cells = line.split(",")
        cubes = "".join(
            f"<Cube currency='{c}' rate='{v}'/>"
            for c, v in zip(header[1:], cells[1:], strict=True)
            if c and v != "N/A"
        )
        days.append(f"<Cube time='{cells[0]}'>{cubes}</Cube>")
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<gesmes:Envelope xmlns:gesmes='http://www.gesmes.org/xml/2002-08-01' "
        "xmlns='http://www.ecb.int/vocabulary/2002-08-01/eurofxref'>"
        f"<gesmes:subject>Reference rates</gesmes:subject><Cube>{''.join(days)}</Cube></gesmes:Envelope>"
    ).encode()


@pytest.fixture
def rates_server(tmp_path, daily_xml):
    """A real HTTP server on loopback serving eurofxref-daily.xml (and 404 for anything else)."""
    (tmp_path / "eurofxref-daily.xml").write_bytes(daily_xml)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
