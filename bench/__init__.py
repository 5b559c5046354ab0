"""Benchmarks: `make bench` (python -m bench [name ...]) runs each, writes bench/results/<name>.json and
prints one Markdown table. Every figure is measured against a baseline run in the same process and moment."""
