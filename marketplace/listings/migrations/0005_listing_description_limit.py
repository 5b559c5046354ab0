from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("listings", "0004_photo_positions_unique"),
    ]

    operations = [
        migrations.AlterField(
            model_name="listing",
            name="description",
            field=models.TextField(blank=True, max_length=5000),
        ),
    ]
