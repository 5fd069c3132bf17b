"""The API's own documentation: Swagger UI and ReDoc served offline, and the OpenAPI document
enriched with security schemes, contract headers and examples."""
