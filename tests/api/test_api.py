"""The read-only public API: the pages' data, as the public sees it, in one stable shape."""

import datetime
import json
import re
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.core.cache import cache

from api.v1 import api
from processes.models import Agreement
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import MediatorFactory, PaxReleaseFactory, ProcessFactory, add_country

pytestmark = pytest.mark.django_db


def get(client, path, **headers):
    response = client.get(path, headers=headers)
    return response, (json.loads(response.content) if response.content else None)


def test_the_schema_is_openapi_3_1_and_the_docs_are_served_by_the_app(client):
    response, schema = get(client, "/api/v1/openapi.json")
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.1")
    for path in (
        "/api/v1/processes/",
        "/api/v1/agreements/",
        "/api/v1/mediators/",
        "/api/v1/voices/",
        "/api/v1/articles/",
        "/api/v1/events/",
    ):
        assert path in schema["paths"], path
    docs = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in docs and "cdn" not in docs.lower()


READ_ONLY_PATHS = (
    "/api/v1/openapi.json",
    "/api/v1/docs",
    "/api/v1/processes/",
    "/api/v1/processes/talks-0/",
    "/api/v1/mediators/",
    "/api/v1/insights/",
)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_every_address_is_only_read_and_says_so_in_its_error_shape(client, method):
    ProcessFactory(name="Talks 0", slug="talks-0")
    for path in READ_ONLY_PATHS:
        response = getattr(client, method)(path)
        assert response.status_code == 405, path
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}
        assert response.json()["error"]["code"] == "method_not_allowed", path
        assert "only read" in response.json()["error"]["message"]
    assert ProcessFactory._meta.model.objects.count() == 1


def test_head_answers_as_get_without_a_body(client):
    ProcessFactory(name="Talks 0", slug="talks-0")
    for path in READ_ONLY_PATHS:
        got, head = client.get(path), client.head(path)
        assert (got.status_code, head.status_code) == (200, 200), path
        assert head["Content-Type"] == got["Content-Type"], path
        assert head.content == b"" and got.content, path
    answer = client.get("/api/v1/processes/talks-0/")
    assert client.head("/api/v1/processes/talks-0/")["ETag"] == answer["ETag"]
    assert client.head("/api/v1/processes/none-such/").status_code == 404


def test_lists_page_by_cursor(client):
    for number in range(3):
        ProcessFactory(name=f"Talks {number}", slug=f"talks-{number}")
    response, first = get(client, "/api/v1/processes/?page_size=2")
    assert response.status_code == 200
    assert [p["slug"] for p in first["results"]] == ["talks-0", "talks-1"]
    assert "count" not in first
    _response, second = get(client, first["next"].replace("http://testserver", ""))
    assert [p["slug"] for p in second["results"]] == ["talks-2"]
    assert second["next"] is None


def test_a_process_answers_with_its_countries(client):
    talks = ProcessFactory(name="Border talks", slug="border-talks")
    for country in ("KE", "ET", "SO"):
        add_country(talks, country)
    ProcessFactory(name="Unplaced talks", slug="unplaced-talks")
    _response, listed = get(client, "/api/v1/processes/")
    countries = {item["slug"]: item["countries"] for item in listed["results"]}
    assert countries == {"border-talks": ["ET", "KE", "SO"], "unplaced-talks": []}
    _response, one = get(client, "/api/v1/processes/border-talks/")
    assert one["countries"] == ["ET", "KE", "SO"]


def test_a_process_and_an_agreement_answer_alike_in_their_lists_and_on_their_own(client):
    """A list writes each answer in one go; alone, each is read field by field: the two agree,
    every field of them."""
    talks = ProcessFactory(
        name="Ridge talks", slug="ridge-talks", summary="Talks on the ridge.", start_year=2011
    )
    add_country(talks, "KE")
    accord = Agreement.objects.create(
        process=talks, name="Ridge accord", date=datetime.date(2012, 5, 4), gender_provisions=True
    )
    _response, processes = get(client, "/api/v1/processes/")
    (listed,) = processes["results"]
    _response, alone = get(client, "/api/v1/processes/ridge-talks/")
    assert listed == alone
    assert alone["countries"] == ["KE"] and alone["start_year"] == 2011
    _response, agreements = get(client, "/api/v1/agreements/")
    (listed,) = agreements["results"]
    _response, alone = get(client, f"/api/v1/agreements/{accord.pk}/")
    assert listed == alone
    assert alone["process"] == "ridge-talks" and alone["date"] == "2012-05-04"
    assert alone["gender_provisions"] is True
    assert alone["url"] == f"http://testserver/en/processes/agreements/{accord.pk}/"


@pytest.mark.parametrize("size", [2, 30])
def test_the_processes_are_answered_in_a_fixed_number_of_queries(
    client, size, django_assert_max_num_queries
):
    for number in range(size):
        add_country(ProcessFactory(name=f"Talks {number}", slug=f"talks-{number}"), "KE")
    # The page version (to key the answer), the processes with their countries.
    with django_assert_max_num_queries(1 + PAGE_VERSION):
        response, body = get(client, "/api/v1/processes/")
    assert response.status_code == 200
    assert len(body["results"]) == size
    assert all(item["countries"] == ["KE"] for item in body["results"])


def test_mediators_as_the_public_sees_them(client, member):
    public = MediatorFactory(display_name="Paula Public", headline="Adviser")
    protected = MediatorFactory(
        display_name="Petra Secret", headline="Envoy", visibility="protected"
    )
    MediatorFactory(display_name="Mona Members", visibility="members")
    MediatorFactory(display_name="Hilde Hidden", visibility="hidden")
    MediatorFactory(display_name="Dora Draft", status="draft")
    for viewer in (client, client_for(member)):  # a session changes nothing
        _response, body = get(viewer, "/api/v1/mediators/")
        text = json.dumps(body)
        names = {m["name"] for m in body["results"]}
        assert "Paula Public" in names and protected.pseudonym in names
        for hidden in ("Petra Secret", "Envoy", "Mona", "Hilde", "Dora"):
            assert hidden not in text
        card = next(m for m in body["results"] if m["pseudonymous"])
        assert card["headline"] == "" and card["languages"] == [] and card["tracks"] == []
    response, paula = get(client, f"/api/v1/mediators/{public.slug}/")
    assert response.status_code == 200
    assert paula["url"] == f"http://testserver/en/mediators/{public.slug}/"
    assert client.get(paula["url"]).status_code == 200, "the address of her page on the site"


def test_the_roster_s_order_and_cursors_tell_nothing_of_who_a_pseudonym_is(client):
    """Listed in the order of their addresses, never of their rows: in the order of the rows a
    profile that turns protected kept her place between the same neighbours, and the next
    page's cursor held her row's key, linking her name to her pseudonym."""
    from base64 import b64decode

    anna = MediatorFactory(display_name="Anna Adler")
    zahra = MediatorFactory(display_name="Zahra Quendolyn")
    nora = MediatorFactory(display_name="Nora Nyberg")

    def pages():
        _response, first = get(client, "/api/v1/mediators/?page_size=2")
        _response, second = get(client, first["next"])
        cursor = parse_qs(urlparse(first["next"]).query)["cursor"][0]
        position = parse_qs(b64decode(cursor).decode())["p"][0]
        return [m["slug"] for m in first["results"] + second["results"]], position

    slugs, position = pages()
    assert slugs == [anna.slug, nora.slug, zahra.slug]
    assert position == zahra.slug  # where the second page starts: an address, not a key
    zahra.visibility = "protected"
    zahra.save()
    slugs, position = pages()
    assert zahra.slug.startswith("mediator-")
    assert slugs == [anna.slug, zahra.slug, nora.slug]
    assert position == nora.slug


def test_an_open_profile_answers_with_her_details_in_the_list_and_on_its_own(client, showcase):
    expected = {
        "url": f"http://testserver/en/mediators/{showcase.slug}/",
        "name": "Samira Showcase",
        "pseudonymous": False,
        "languages": [{"code": "ar", "level": "native"}, {"code": "fr", "level": "C1"}],
        "tracks": ["1"],
    }
    _response, body = get(client, "/api/v1/mediators/")
    (listed,) = (item for item in body["results"] if item["slug"] == showcase.slug)
    _response, alone = get(client, f"/api/v1/mediators/{showcase.slug}/")
    assert listed == alone
    assert {name: alone[name] for name in expected} == expected
    assert len(alone["expertise"]) == 4
    assert "Western Asia" in alone["regions"]


def test_errors_have_one_shape(client):
    response, body = get(client, "/api/v1/mediators/nobody/")
    assert response.status_code == 404
    assert body == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "Nothing public has this address.",
            "fields": {},
        }
    }
    response, body = get(client, "/api/v1/agreements/?stage=galactic")
    assert response.status_code == 400
    assert body["error"]["code"] == "invalid_filter" and "stage" in body["error"]["fields"]
    response, body = get(client, "/api/v1/agreements/abc/")
    assert response.status_code in (400, 404)
    assert set(body["error"]) == {"status", "code", "message", "fields"}


@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/procesess/", "/api/v1/processes/harbour/agreements/"]
)
@pytest.mark.parametrize("method", ["get", "head"])
def test_an_address_that_is_no_endpoint_is_not_found_in_the_apis_shape(client, path, method):
    response = getattr(client, method)(path, headers={"origin": "https://example.org"})
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    if method == "get":
        assert response.json()["error"] == {
            "status": 404,
            "code": "not_found",
            "message": "Nothing public has this address.",
            "fields": {},
        }


def test_an_address_without_its_final_slash_leads_to_it_from_any_origin(client):
    ProcessFactory(name="Harbour talks", slug="harbour")
    for path, to in [
        ("/api/v1/processes", "/api/v1/processes/"),
        ("/api/v1/agreements?stage=ceasefire", "/api/v1/agreements/?stage=ceasefire"),
        ("/api/v1/processes/harbour", "/api/v1/processes/harbour/"),
    ]:
        response = client.get(path, headers={"origin": "https://example.org"})
        assert (response.status_code, response["Location"]) == (301, to)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert client.get(to).status_code == 200
    assert client.get("/api/v1/openapi.json/").json()["error"]["code"] == "not_found"
    assert client.post("/api/v1/procesess/").json()["error"]["code"] == "method_not_allowed"


def test_any_origin_may_read_and_an_unchanged_answer_is_a_304(client):
    ProcessFactory(name="Harbour talks", slug="harbour")
    response, _body = get(client, "/api/v1/processes/harbour/")
    assert response["Access-Control-Allow-Origin"] == "*"
    etag = response["ETag"]
    assert "public" in response["Cache-Control"]
    again = client.get("/api/v1/processes/harbour/", headers={"if-none-match": etag})
    assert again.status_code == 304


@pytest.mark.parametrize("method", ["get", "head"])
def test_any_origin_may_read_the_schema_and_its_documentation(client, method):
    """A tool on another site (an OpenAPI editor, a client generator) reads the schema before
    any answer it describes."""
    ProcessFactory(name="Talks 0", slug="talks-0")
    for path in READ_ONLY_PATHS:
        response = getattr(client, method)(path, headers={"origin": "https://editor.example"})
        assert response.status_code == 200, path
        assert response["Access-Control-Allow-Origin"] == "*", path


def test_each_client_has_a_rate_limit_a_minute(client, settings, monkeypatch):
    settings.API_RATE_LIMIT = "5/m"
    cache.clear()
    now = [60 * 16_667 + 20.0]  # twenty seconds into a minute
    [throttle] = api.throttle
    monkeypatch.setattr(throttle, "clock", lambda: now[0])
    # A header of her own choosing does not make her another client.
    statuses = [
        client.get(f"/api/v1/voices/?n={n}", headers={"x-forwarded-for": f"10.0.0.{n}"}).status_code
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    response, body = get(client, "/api/v1/voices/?n=999")
    assert response.status_code == 429 and body["error"]["code"] == "rate_limited"
    assert response["Retry-After"] == "40", "until the next minute"
    now[0] += 40
    assert client.get("/api/v1/voices/?n=1000").status_code == 200, "a new minute, a new count"
    for _ in range(5):
        client.get("/api/v1/voices/?n=1001")
    other = client.get("/api/v1/voices/?n=1002", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200, "another client has her own count"


@pytest.mark.parametrize(
    ("rate", "said"), [("120/m", "120 requests a minute"), ("1000/h", "1000 requests an hour")]
)
def test_the_documentation_states_the_limit_the_operator_set(client, settings, rate, said):
    """It said 120 requests a minute whatever API_RATE_LIMIT was."""
    settings.API_RATE_LIMIT = rate
    _response, schema = get(client, "/api/v1/openapi.json")
    assert f"Each client may make {said}." in schema["info"]["description"]


PAYLOADS = [
    line
    for line in (__import__("pathlib").Path(__file__).parent.parent / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line
][:40]


@pytest.mark.parametrize("parameter", ["q", "cursor", "page_size", "stage", "region", "language"])
def test_hostile_parameters_get_a_json_answer_never_a_crash(client, parameter):
    MediatorFactory(display_name="Paula Public")
    ProcessFactory(name="Harbour talks", slug="harbour")
    for path in ("/api/v1/processes/", "/api/v1/agreements/", "/api/v1/mediators/"):
        for payload in [*PAYLOADS, "\x00", "-1", "9" * 40, "%ff"]:
            response = client.get(path, {parameter: payload})
            assert response.status_code in (200, 400), (path, parameter, payload)
            body = json.loads(response.content)
            if response.status_code == 400:
                assert set(body["error"]) == {"status", "code", "message", "fields"}
            assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "content",
    [
        *["o=-1", "o=" + "9" * 30, "r=maybe", "p=zz", "p=\x00", "p=0000-01-01", "p=" + "9" * 40],
        *["p=a b", "p=" + "a" * 141],
    ],
)
def test_a_cursor_made_by_hand_is_refused_not_followed(client, content):
    """Well encoded, but holding what no page of ours wrote: refused like a broken one."""
    from base64 import b64encode

    ProcessFactory(name="Harbour talks", slug="harbour")
    ProcessFactory(name="Lagoon talks", slug="lagoon")
    cursor = b64encode(content.encode()).decode()
    paths = ["/api/v1/processes/", "/api/v1/agreements/"]
    # The roster is in the order of the addresses: "zz" or "0000-01-01" could be one.
    if not re.fullmatch(r"p=[-a-z0-9]+", content):
        paths.append("/api/v1/mediators/")
    for path in paths:
        response = client.get(path, {"cursor": cursor})
        assert response.status_code == 400, (path, content)
        fields = json.loads(response.content)["error"]["fields"]
        assert fields == {"cursor": ["This cursor cannot be read."]}
    # The cursors the pages write are read as before.
    first = json.loads(client.get("/api/v1/processes/", {"page_size": 1}).content)
    second = client.get(first["next"])
    assert second.status_code == 200
    assert len(json.loads(second.content)["results"]) == 1


def test_error_messages_follow_the_reader_s_language(client):
    _response, body = get(client, "/api/v1/mediators/nobody/", **{"accept-language": "de"})
    assert body["error"]["message"] == "Unter dieser Adresse ist nichts Öffentliches."
    assert body["error"]["code"] == "not_found"


def test_figures_of_public_processes_only(client):
    from datetime import date

    from processes.models import Agreement
    from processes.record import ParticipationFigure

    public = ProcessFactory(name="Harbour talks", slug="harbour")
    draft = ProcessFactory(name="Secret talks", slug="secret", status="draft")
    accord = Agreement.objects.create(process=public, name="Harbour accord")
    for owner in ({"process": public}, {"agreement": accord}, {"process": draft}):
        ParticipationFigure.objects.create(
            role="mediators", total=4, women=1, source="UN", as_of=date(2020, 1, 1), **owner
        )
    _response, body = get(client, "/api/v1/figures/")
    assert [(f["process"], f["agreement"]) for f in body["results"]] == [
        ("harbour", None),
        ("harbour", accord.pk),
    ]


def test_each_insight_is_the_table_the_page_shows(client):
    import csv
    import io

    _response, charts = get(client, "/api/v1/insights/")
    assert [chart["slug"] for chart in charts][:4] == [
        "share-by-role",
        "share-by-region",
        "gender-provisions",
        "engagements-by-track",
    ]
    for chart in charts:
        table = list(
            csv.reader(
                io.StringIO(
                    client.get(f"/en/processes/insights/{chart['slug']}.csv").content.decode()
                )
            )
        )
        assert [chart["columns"], *[[str(c) for c in row] for row in chart["rows"]]] == table
        _response, one = get(client, f"/api/v1/insights/{chart['slug']}/")
        assert one == chart
    assert get(client, "/api/v1/insights/salaries/")[0].status_code == 404


def test_the_api_says_which_pa_x_release_it_shows(client):

    assert get(client, "/api/v1/sources/pax/")[0].status_code == 404
    PaxReleaseFactory()
    _response, body = get(client, "/api/v1/sources/pax/")
    assert body == {
        "name": "PA-X Peace Agreements Database",
        "version": "10",
        "data_until": "2025-12-27",
        "records": 2257,
        "citation": "Bell & Badanjak (2019)",
        "url": "https://www.peaceagreements.org/",
    }


def test_anonymous_visitors_get_exactly_what_the_pages_show_them(client):
    """Every kind of profile and process: the API lists exactly those the lists' pages link."""
    import re

    for visibility in ("public", "protected", "members", "hidden"):
        MediatorFactory(display_name=f"Mediator {visibility}", visibility=visibility)
    MediatorFactory(display_name="Mediator draft", status="draft")
    MediatorFactory(display_name="Mediator submitted", status="submitted")
    for status in ("published", "draft"):
        ProcessFactory(name=f"Process {status}", slug=f"process-{status}", status=status)
    pages = {
        "mediators": client.get("/en/mediators/").content.decode(),
        "processes": client.get("/en/processes/").content.decode(),
    }
    for kind, html in pages.items():
        linked = set(re.findall(rf'href="/en/{kind}/([a-z0-9-]+)/"', html))
        _response, body = get(client, f"/api/v1/{kind}/")
        assert {item["slug"] for item in body["results"]} == linked - {
            "agreements",
            "insights",
            "instruments",
            "data",
        }, kind


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("gender=null", "gender"),
        ("gender=yes", "gender"),
        # "false" listed every agreement, those with provisions too: a yes-or-no filter is
        # given as true or left out.
        ("gender=false", "gender"),
        ("q=a&q=b", "q"),
        ("year_from=x", "year_from"),
        ("year_from=", "year_from"),
        ("year_from=2004.5", "year_from"),
    ],
)
def test_the_api_reads_its_filters_strictly(client, query, field):
    response, body = get(client, f"/api/v1/agreements/?{query}")
    assert response.status_code == 400
    assert body["error"]["code"] == "invalid_filter" and field in body["error"]["fields"]


@pytest.mark.parametrize(
    "value", ["2004.0", "+2004", " 2004", "2_004", "2e3", "\uff12\uff10\uff10\uff14"]
)
@pytest.mark.parametrize(("kind", "name"), [("agreements", "year_from"), ("processes", "year_to")])
def test_a_number_filter_takes_digits_only(client, kind, name, value):
    """The pages' forms read each of these as a year ("2_004" as 2004, and "1_0" as a share
    of ten percent); the API documents whole numbers, and says so."""
    response, body = get(client, f"/api/v1/{kind}/?{urlencode({name: value})}")
    assert response.status_code == 400, value
    assert body["error"]["fields"] == {name: ["Give a whole number, or leave the filter out."]}
    response, _body = get(client, f"/api/v1/{kind}/?{name}=2004")
    assert response.status_code == 200


@pytest.mark.parametrize("kind", ["processes", "voices"])
@pytest.mark.parametrize("query", ["page_size=1&page_size=2", "cursor=&cursor="])
def test_the_api_takes_each_paging_parameter_once(client, kind, query):
    response, body = get(client, f"/api/v1/{kind}/?{query}")
    assert response.status_code == 400
    assert body["error"]["code"] == "invalid_filter"
    assert query.split("=")[0] in body["error"]["fields"]


@pytest.mark.parametrize(
    "size", ["0", "-1", "101", "1000", "+1", "+0.0", "1.0", "1_0", " 1", "1e0", "", "\uff12"]
)
@pytest.mark.parametrize("kind", ["processes", "mediators", "voices"])
def test_a_page_size_is_a_whole_number_from_1_to_100(client, kind, size):
    """Read leniently, each of these was a page of one result or of a hundred, answered as
    if it had been asked for."""
    ProcessFactory(name="Harbour talks", slug="harbour")
    MediatorFactory(display_name="Paula Public")
    response, body = get(client, f"/api/v1/{kind}/?{urlencode({'page_size': size})}")
    assert response.status_code == 400, size
    assert body["error"]["fields"] == {
        "page_size": ["Give a whole number of results a page, from 1 to 100."]
    }


def test_a_page_size_in_bounds_is_the_page_s_and_the_schema_gives_the_bounds(client):
    for name in ("Harbour talks", "Lagoon talks", "River talks"):
        ProcessFactory(name=name)
    _response, first = get(client, "/api/v1/processes/?page_size=2")
    assert len(first["results"]) == 2
    assert "page_size=2" in first["next"]
    _response, second = get(client, first["next"])
    assert len(second["results"]) == 1
    _response, schema = get(client, "/api/v1/openapi.json")
    parameters = schema["paths"]["/api/v1/processes/"]["get"]["parameters"]
    (size,) = [parameter for parameter in parameters if parameter["name"] == "page_size"]
    assert {"type": "integer", "minimum": 1, "maximum": 100} in size["schema"]["anyOf"]


def test_a_page_size_out_of_bounds_is_refused_in_the_reader_s_language(client):
    response, body = get(client, "/api/v1/processes/?page_size=0", **{"accept-language": "de"})
    assert response.status_code == 400
    assert body["error"]["fields"] == {
        "page_size": ["Geben Sie die Zahl der Ergebnisse je Seite als ganze Zahl von 1 bis 100 an."]
    }


def test_the_schema_says_the_server_refuses_an_overlong_address(client):
    _response, schema = get(client, "/api/v1/openapi.json")
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert "URI Too Long" in operation["responses"]["414"]["description"], path


def test_the_filters_are_documented_parameters(client):
    _response, schema = get(client, "/api/v1/openapi.json")
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/processes/"]["get"]["parameters"]}
    assert parameters["track"]["schema"] == {
        "type": "array",
        "items": {"type": "string", "enum": ["1", "1.5", "2", "3"]},
    }
    assert parameters["network"]["schema"] == {"type": "string", "enum": ["true"]}
    # With their bounds: a year out of them, or a share, is refused as any wrong value.
    assert parameters["women_share"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100}
    assert parameters["year_from"]["schema"] == {
        "type": "integer",
        "minimum": 1900,
        "maximum": 2100,
    }
    _response, body = get(client, "/api/v1/agreements/?gender=true")
    assert "results" in body


@pytest.mark.parametrize(
    ("kind", "ordering"), [("processes", "name"), ("processes", "-year"), ("mediators", "name")]
)
def test_an_order_is_neither_documented_nor_taken(client, kind, ordering):
    """The lists come in the order of their cursor: an order asked for was taken in silence
    and not followed, so the API and the page listed the same matches differently."""
    _response, schema = get(client, "/api/v1/openapi.json")
    names = [p["name"] for p in schema["paths"][f"/api/v1/{kind}/"]["get"]["parameters"]]
    assert "ordering" not in names
    response, body = get(client, f"/api/v1/{kind}/?ordering={ordering}")
    assert response.status_code == 400
    assert "ordering" in body["error"]["fields"]
