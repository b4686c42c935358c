"""Place on the map the partners that have no coordinates (those who joined through /join/ before
approval filled them): their city's point from the offline gazetteer (partners/geocoding.py)."""

from django.core.management.base import BaseCommand

from partners.services import fill_missing_coordinates


class Command(BaseCommand):
    help = "Fill missing partner coordinates from the city and country (offline, GeoNames data)."

    def handle(self, *args, **options) -> None:
        filled, unknown = fill_missing_coordinates()
        self.stdout.write(f"{filled} partner(s) placed on the map.")
        for partner in unknown:
            self.stdout.write(
                f"Not found: {partner.name} ({partner.city or '-'}, {partner.country}): set it by hand."
            )
