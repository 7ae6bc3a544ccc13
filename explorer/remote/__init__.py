"""Asking a SPARQL endpoint: the protocol, walks on the server, and local copies."""
