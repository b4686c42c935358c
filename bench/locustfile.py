"""The load mix of `make load`: anonymous visitors on the public pages and third parties on the API.

Requests carry X-Forwarded-Proto: https, as the TLS-terminating proxy in front of production does."""

import random

from locust import HttpUser, between, task

HEADERS = {"X-Forwarded-Proto": "https"}
COUNTRIES = ["DE", "FR", "SE", "DK", "NL", "ES", "IT", "GB"]


class Visitor(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.client.headers.update(HEADERS)

    @task(4)
    def directory(self) -> None:
        self.client.get("/partners/")

    @task(3)
    def directory_filtered(self) -> None:
        self.client.get(f"/partners/?country={random.choice(COUNTRIES)}", name="/partners/?country=")

    @task(2)
    def home(self) -> None:
        self.client.get("/")

    @task(2)
    def projects(self) -> None:
        self.client.get("/projects/")

    @task(2)
    def events(self) -> None:
        self.client.get("/events/")

    @task(1)
    def segments(self) -> None:
        self.client.get("/segments/")

    @task(1)
    def map_geojson(self) -> None:
        self.client.get("/map/partners.geojson")

    @task(1)
    def profile(self) -> None:
        self.client.get(f"/partners/scale-{random.randrange(1000)}/", name="/partners/<slug>/")


class ApiClient(HttpUser):
    wait_time = between(0.5, 2)
    weight = 1

    def on_start(self) -> None:
        self.client.headers.update(HEADERS)

    @task(3)
    def partners(self) -> None:
        self.client.get("/api/v1/partners/?page_size=100")

    @task(1)
    def projects(self) -> None:
        self.client.get("/api/v1/projects/")

    @task(1)
    def targets(self) -> None:
        self.client.get("/api/v1/targets/")
