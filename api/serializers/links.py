"""Links between resources: absolute URLs under SITE_URL, the same in the API and in the bulk package."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def api_url(resource: str, pk: int | None) -> str | None:
    """The record's stable address in the API, e.g. https://…/api/v1/committees/3/."""
    if pk is None:
        return None
    return settings.SITE_URL + reverse(f"api:{resource}-detail", args=[pk])


def page_url(path: str) -> str:
    return settings.SITE_URL + path


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """The address of the record `source` names (an id), in `resource`; null when there is none."""

    def __init__(self, resource: str, **kwargs) -> None:
        self.resource = resource
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return api_url(self.resource, value)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return getattr(value, "pk", value)


@extend_schema_field({"type": ["string", "null"], "format": "uri"})
class OptionalLink(LinkField):
    """A link that may be null (the record it names may not exist yet)."""


class SelfLink(LinkField):
    """The record's own address."""

    def __init__(self, resource: str) -> None:
        super().__init__(resource, source="pk")


@extend_schema_field(OpenApiTypes.URI)
class PageLink(serializers.Field):
    """The record's page on the site, for people."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return page_url(value.get_absolute_url())
