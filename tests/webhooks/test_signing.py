"""Standard Webhooks signatures: the service's signer against the specification's own test
vector and against the tests' independent verifier."""

import base64
import time

from api.webhooks import signing
from tests.webhooks.conftest import verify

# The reference vector of the Standard Webhooks libraries.
VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
VECTOR_TIMESTAMP = 1614265330
VECTOR_BODY = '{"test": 2432232314}'
VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signature_matches_the_reference_vector() -> None:
    assert signing.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY) == (
        VECTOR_SIGNATURE
    )


def test_independent_verifier_accepts_the_reference_vector() -> None:
    headers = {
        "webhook-id": VECTOR_ID,
        "webhook-timestamp": str(VECTOR_TIMESTAMP),
        "webhook-signature": VECTOR_SIGNATURE,
    }
    assert verify(VECTOR_SECRET, headers, VECTOR_BODY.encode(), now=VECTOR_TIMESTAMP)
    # One changed byte of the body, or a stale timestamp, fails.
    assert not verify(VECTOR_SECRET, headers, b'{"test": 2432232315}', now=VECTOR_TIMESTAMP)
    assert not verify(VECTOR_SECRET, headers, VECTOR_BODY.encode(), now=VECTOR_TIMESTAMP + 301)


def test_new_secrets_are_random_whsec_base64() -> None:
    one, two = signing.new_secret(), signing.new_secret()
    assert one != two
    assert one.startswith("whsec_")
    assert len(base64.b64decode(one.removeprefix("whsec_"), validate=True)) >= 24


def test_headers_verify_independently_and_bind_id_and_body() -> None:
    secret = signing.new_secret()
    now = int(time.time())
    body = '{"type":"actors.upsert"}'
    headers = signing.headers(secret, "0b6f1e9c-6d1d-4a53-9f43-6a0d2b8e7c11", now, body)
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    assert verify(secret, headers, body.encode())
    assert not verify(signing.new_secret(), headers, body.encode())
    assert not verify(secret, {**headers, "webhook-id": "another"}, body.encode())
