from fastapi.testclient import TestClient


def test_liveness_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_openapi_served_and_swagger_ui(client: TestClient) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["info"]["title"].startswith("Regie")
    assert client.get("/docs").status_code == 200
    assert client.get("/redoc").status_code == 200
