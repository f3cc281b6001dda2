"""The reference web office built on adminduk (see README.md)."""

from web_office.app import create_app

__all__ = ["create_app"]
