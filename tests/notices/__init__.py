"""Tests of the notices to residents."""
