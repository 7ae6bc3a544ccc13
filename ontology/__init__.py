"""The RDF vocabulary (infra.ttl) and SHACL shapes (shapes.ttl), shipped as package data."""
