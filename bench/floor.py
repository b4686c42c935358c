"""The floor each page is measured against: the same rows, fetched by one raw SQL query and
returned as JSON by a plain Django view, with none of the framework's work on top."""

from django.db import connection
from django.http import HttpRequest, JsonResponse

PARTNER_COLUMNS = "SELECT id, name, slug, kind, country, city FROM partners_partner"
#: The page asked for (`page`, from 1) of `limit` rows.
PAGE = "ORDER BY name LIMIT %(limit)s OFFSET %(offset)s"
ACTIVE_PARTNERS = "WHERE joined_on <= CURRENT_DATE AND (left_on IS NULL OR left_on > CURRENT_DATE)"

#: name of the benchmarked page -> the one query that fetches the rows it shows
FLOOR_SQL = {
    "partners": " ".join([PARTNER_COLUMNS, ACTIVE_PARTNERS, PAGE]),
    # The API's rows carry more of each partner than the directory's cards.
    "partners_api": " ".join(
        [
            "SELECT slug, name, kind, country, city, is_sme, website, joined_on, left_on,",
            "latitude, longitude FROM partners_partner",
            ACTIVE_PARTNERS,
            PAGE,
        ]
    ),
    "partners_filtered": " ".join(
        [PARTNER_COLUMNS, ACTIVE_PARTNERS, "AND country = %(country)s AND kind = %(kind)s", PAGE]
    ),
    "partners_search": " ".join([PARTNER_COLUMNS, ACTIVE_PARTNERS, "AND search_text LIKE %(pattern)s", PAGE]),
    "partner": "SELECT id, name, slug, kind, country, city, description, website FROM partners_partner "
    "WHERE slug = %(slug)s",
    "map": " ".join(
        [
            "SELECT id, name, slug, kind, country, latitude, longitude FROM partners_partner",
            ACTIVE_PARTNERS,
            "AND (%(country)s = '' OR country = %(country)s) AND (%(kind)s = '' OR kind = %(kind)s)",
        ]
    ),
    "projects": "SELECT id, title, slug, status, started_on FROM projects_project "
    "ORDER BY started_on DESC, title LIMIT %(limit)s OFFSET %(offset)s",
    "events": "SELECT id, title, slug, starts_at, city, country FROM events_event "
    "ORDER BY starts_at LIMIT %(limit)s OFFSET %(offset)s",
    "dashboard": " ".join(
        ["SELECT kind, is_sme, COUNT(*) FROM partners_partner", ACTIVE_PARTNERS, "GROUP BY kind, is_sme"]
    ),
    "people": "SELECT id, name, email FROM partners_person "
    "WHERE partner_id = (SELECT id FROM partners_partner WHERE slug = %(slug)s)",
}


def floor(request: HttpRequest, name: str) -> JsonResponse:
    limit = int(request.GET.get("limit", 24))
    params = {
        "limit": limit,
        "offset": (int(request.GET.get("page", 1)) - 1) * limit,
        "slug": request.GET.get("slug", ""),
        "country": request.GET.get("country", ""),
        "kind": request.GET.get("kind", ""),
        "pattern": f"%{request.GET.get('q', '')}%",
    }
    with connection.cursor() as cursor:
        cursor.execute(FLOOR_SQL[name], params)
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return JsonResponse(rows, safe=False, json_dumps_params={"default": str})
