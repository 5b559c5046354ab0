from django.db import migrations, models


def photo_positions_renumber(apps, schema_editor):
    """Positions 0..n-1 per listing, in the order buyers saw them: deletions used to leave gaps and
    uploads after them could repeat a position, which the unique constraint below would refuse."""
    ListingPhoto = apps.get_model("listings", "ListingPhoto")
    changed, listing_id, index = [], None, 0
    for photo in ListingPhoto.objects.order_by("listing_id", "position", "id").only("id", "listing_id", "position"):
        if photo.listing_id != listing_id:
            listing_id, index = photo.listing_id, 0
        if photo.position != index:
            photo.position = index
            changed.append(photo)
        index += 1
    ListingPhoto.objects.bulk_update(changed, ["position"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("listings", "0003_category_name_zh_hans"),
    ]

    operations = [
        migrations.RunPython(photo_positions_renumber, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="listingphoto",
            constraint=models.UniqueConstraint(fields=("listing", "position"), name="listing_photo_position_unique"),
        ),
    ]
