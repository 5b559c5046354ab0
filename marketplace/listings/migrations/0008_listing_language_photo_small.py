"""Listings: the language of the seller's text, and a small photo rendition for phones (generated here for
the photos stored before it, with Pillow, as photos.py does for new ones)."""

from django.db import migrations, models


def renditions_backfill(apps, schema_editor):
    from marketplace.listings.photos import small_rendition

    ListingPhoto = apps.get_model("listings", "ListingPhoto")
    Listing = apps.get_model("listings", "Listing")
    for photo in ListingPhoto.objects.filter(small="").exclude(thumbnail="").iterator():
        try:
            with photo.thumbnail.open("rb") as source:
                rendition = small_rendition(source)
        except OSError:
            continue  # the file is gone: the card keeps its thumbnail alone
        photo.small.save(rendition.name, rendition, save=False)
        ListingPhoto.objects.filter(pk=photo.pk).update(small=photo.small.name)
        if photo.position == 0:
            # also the bulk listings of seed_demo --listings, which share the first listing's files
            Listing.objects.filter(thumbnail=photo.thumbnail.name).update(thumbnail_small=photo.small.name)


class Migration(migrations.Migration):
    dependencies = [
        ("listings", "0007_listing_origin_country_choices_callable"),
    ]

    operations = [
        migrations.AddField(
            model_name="listing",
            name="thumbnail_small",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="First photo's small rendition (phones).",
                max_length=255,
            ),
        ),
        migrations.AddField(
            model_name="listing",
            name="language",
            field=models.CharField(default="en", help_text="Language of the title and text.", max_length=12),
        ),
        migrations.AddField(
            model_name="listingphoto",
            name="small",
            field=models.ImageField(blank=True, upload_to="listings/small/%Y/%m/"),
        ),
        migrations.RunPython(renditions_backfill, migrations.RunPython.noop),
    ]
