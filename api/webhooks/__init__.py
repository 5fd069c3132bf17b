"""Webhooks: W13's subscriptions, the outbox written with every change, and its delivery.

Layout: `urls` (which addresses a delivery may go to), `signing` (Standard Webhooks secrets
and signatures), `outbox` (the delivery rows written in the transaction of each change),
`service` (the subscription resource and the delivery log), `worker` (claims and sends due
deliveries, retries with back-off), `router` (the HTTP routes, mounted by `api.sync.router`)."""
