"""The API's JSON is encoded by orjson (core.renderers.JSONRenderer) and must be DRF's JSON byte for
byte: clients, ETags and cached answers compare bytes."""

import datetime
import decimal
import uuid

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.renderers import JSONRenderer

PAYLOADS = {
    "page": {
        "count": 2,
        "next": "http://testserver/api/v1/partners/?page=2",
        "previous": None,
        "results": ReturnList(
            [{"name": "Île-de-France", "is_sme": False, "latitude": "48.85661", "left_on": None}],
            serializer=None,
        ),
    },
    "dates and times": {
        "date": datetime.date(2017, 12, 31),
        "utc": datetime.datetime(2017, 12, 31, 23, 59, 1, 123456, tzinfo=datetime.UTC),
        "paris": timezone.make_aware(datetime.datetime(2017, 6, 1, 9, 30), timezone.get_fixed_timezone(120)),
        "naive": datetime.datetime(2017, 6, 1, 9, 30),
        "time": datetime.time(9, 30, 15),
        "duration": datetime.timedelta(hours=1, seconds=3),
    },
    "numbers": {"decimal": decimal.Decimal("57.70887"), "float": 0.1, "big": 2**53, "negative": -3},
    "text": {
        "lazy": gettext_lazy("Not found."),
        "separators": "line\u2028paragraph\u2029end",
        "quotes": 'a "quoted" \\ slash\n',
        "emoji": "⚡🚌",
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    },
    "keys and nesting": ReturnDict({1: [True, None, {"a": ()}], "b": {"c": [1, 2]}}, serializer=None),
    "a list": [1, "two", None],
}


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_the_bytes_are_drf_s(payload):
    assert JSONRenderer().render(payload) == renderers.JSONRenderer().render(payload)


@pytest.mark.parametrize("media_type", ["application/json; indent=2", "application/json; indent=4"])
def test_an_indented_answer_is_drf_s(media_type):
    payload = PAYLOADS["page"]
    rendered = JSONRenderer().render(payload, media_type)
    assert rendered == renderers.JSONRenderer().render(payload, media_type)
    assert rendered.startswith(b'{\n  "count"' if "2" in media_type else b'{\n    "count"')


def test_nothing_is_an_empty_body():
    assert JSONRenderer().render(None) == b""
