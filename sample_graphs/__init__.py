"""Realistic sample estates, shipped as package data so the app opens on one out of the box."""
