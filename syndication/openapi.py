"""The OpenAPI 3.0 description of the read API, built from the endpoints themselves.

Paths, parameters and fields come from ``syndication.api.ENDPOINTS`` (their filters and
fields), so the description cannot drift from what the API accepts; the prose and the value
lists are written here. Served at ``/api/v2/openapi.json``; a test validates it with
openapi-spec-validator and checks every documented parameter against the API.
"""

from __future__ import annotations

from django.http import JsonResponse

from campaign.events.models import Audience
from sitecontent.library.vocabulary import AGE_BANDS, AUDIENCES, FORMATS
from translations.core.languages import LANGUAGE_CODES

from .api import ENDPOINTS, api_router

SUMMARIES = {
    "events": "Published events, upcoming first (as the calendar lists them).",
    "resources": "Published library resources (as the library lists them).",
    "guides": "Published good-practice guides (as the library lists them).",
    "case-cards": "Published case cards: peer stories their authors allowed in class, with questions.",
    "editions": "Safer Internet Day editions, the latest first.",
    "help": "The help directory: helplines and hotlines by country.",
}


def _string(description, enum=None, fmt=None, many=False):
    schema = {"type": "string"}
    if enum:
        schema["enum"] = list(enum)
    if fmt:
        schema["format"] = fmt
    if many:
        schema = {"type": "array", "items": schema}
    parameter = {"description": description, "schema": schema}
    if many:
        parameter.update(style="form", explode=True)
    return parameter


def filter_parameters(endpoint) -> dict[str, dict]:
    events = endpoint.endpoint_name == "events"
    library = endpoint.endpoint_name in ("resources", "guides", "case-cards")
    known = {
        "region": _string("A region's short code (e.g. eu, latam, apac)."),
        "country": _string("An ISO 3166-1 alpha-2 country code (e.g. BE)."),
        "language": _string(
            "Language spoken at the event." if events else "Language the item exists in.",
            LANGUAGE_CODES,
            many=library,
        ),
        "date_from": _string("Events on or after this local date.", fmt="date"),
        "date_to": _string("Events on or before this local date.", fmt="date"),
    }
    if events:
        known["audience"] = _string("Who the event is for.", Audience.values)
        known["age"] = _string("An age band.", [code for code, _label in AGE_BANDS])
        known["format"] = _string("online (or hybrid), in_person (or hybrid).", ("online", "in_person"))
    if library:
        known["audience"] = _string(
            "Who the item is for (several: any of them).", [c for c, _l in AUDIENCES], many=True
        )
        known["age"] = _string("Age bands (several: any of them).", [c for c, _l in AGE_BANDS], many=True)
        known["format"] = _string("Formats (several: any of them).", [c for c, _l in FORMATS], many=True)
        known["topic"] = _string("Topic slugs (several: any of them).", many=True)
    return {name: known[name] for name in endpoint.filters}


COMMON_PARAMETERS = {
    "lang": {
        "name": "lang",
        "in": "query",
        "description": "The language of the texts (English when absent). A missing translation falls back "
        "as on the site; meta.field_languages names the language each text is in.",
        "schema": {"type": "string", "enum": list(LANGUAGE_CODES), "default": "en"},
    },
    "limit": {
        "name": "limit",
        "in": "query",
        "description": "Items per page.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    },
    "offset": {
        "name": "offset",
        "in": "query",
        "description": "Items to skip.",
        "schema": {"type": "integer", "minimum": 0, "default": 0},
    },
    "fields": {
        "name": "fields",
        "in": "query",
        "description": "Wagtail's field selection: a comma-separated list, '*' for all, '-name' to leave one out.",
        "schema": {"type": "string"},
    },
}

ERROR = {
    "description": "A parameter was refused; the message is in the requested language.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
RATE_LIMITED = {
    "description": "Too many requests from this address; retry after the Retry-After header's seconds.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def item_schema(endpoint) -> dict:
    fields = [name for name in endpoint.get_body_fields_names(endpoint.model) if name != "id"]
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "detail_url": {"type": "string", "format": "uri"},
                    "html_url": {"type": "string", "format": "uri"},
                    "field_languages": {
                        "type": "object",
                        "description": "For each translated field, the language its text is in.",
                        "additionalProperties": {"type": "string", "enum": list(LANGUAGE_CODES)},
                    },
                },
            },
            **{name: {"description": f"The item's {name.replace('_', ' ')}."} for name in fields},
        },
    }


def spec(server_url: str = "/") -> dict:
    paths, schemas = {}, {}
    for endpoint in ENDPOINTS:
        name = endpoint.endpoint_name
        schema_name = name.replace("-", " ").title().replace(" ", "")
        schemas[schema_name] = item_schema(endpoint)
        listing = {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {
                        "total_count": {"type": "integer"},
                        "language": {"type": "string"},
                        "next": {"type": "string", "format": "uri", "nullable": True},
                        "previous": {"type": "string", "format": "uri", "nullable": True},
                    },
                },
                "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_name}"}},
            },
        }
        parameters = [{"$ref": f"#/components/parameters/{p}"} for p in COMMON_PARAMETERS]
        parameters += [{"name": key, "in": "query", **value} for key, value in filter_parameters(endpoint).items()]
        base = api_router.get_model_listing_urlpath(endpoint.model)
        paths[base] = {
            "get": {
                "operationId": f"list_{name.replace('-', '_')}",
                "summary": SUMMARIES[name],
                "tags": [name],
                "parameters": parameters,
                "responses": {
                    "200": {"description": "A page of items.", "content": {"application/json": {"schema": listing}}},
                    "400": ERROR,
                    "429": RATE_LIMITED,
                },
            }
        }
        paths[base + "{id}/"] = {
            "get": {
                "operationId": f"get_{name.replace('-', '_')}",
                "summary": f"One item of {name}.",
                "tags": [name],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"$ref": "#/components/parameters/lang"},
                    {"$ref": "#/components/parameters/fields"},
                ],
                "responses": {
                    "200": {
                        "description": "The item.",
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
                    },
                    "404": {
                        "description": "No published, public item has this id.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                    "429": RATE_LIMITED,
                },
            }
        }
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "message": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        },
        "required": ["message"],
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Safer Internet Day read API",
            "version": "2",
            "description": "Published content of the Safer Internet Day site, read-only and anonymous. "
            "Only what the public site shows appears here. CORS is open for GET; responses are cached "
            "and purged like the pages; requests are rate limited per address.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"parameters": COMMON_PARAMETERS, "schemas": schemas},
    }


def openapi_view(request):
    response = JsonResponse(spec(request.build_absolute_uri("/").rstrip("/") or "/"), json_dumps_params={"indent": 2})
    response.sid_language_independent = True
    return response
