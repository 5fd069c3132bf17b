import { describe, expect, it } from "vitest";
import { fieldErrors, fieldKey, parseProblem, problemFromResponse, unplacedErrors } from "./problem";

describe("parseProblem", () => {
  it("keeps whether a 412's other write was the caller's own", () => {
    expect(parseProblem(412, { type: "x", title: "t", status: 412, detail: "d", changed_by_you: true }).changed_by_you).toBe(true);
    expect(parseProblem(412, { type: "x", title: "t", status: 412, detail: "d" }).changed_by_you).toBeUndefined();
  });

  it("reads an RFC 9457 body with field errors", () => {
    const p = parseProblem(422, {
      type: "https://regie.w13.be/problems/validation", title: "Validation failed", status: 422,
      detail: "The request is not valid", instance: "/api/v1/actions",
      errors: [{ loc: ["body", "progress"], msg: "Input should be less than or equal to 100" }],
    });
    expect(p.status).toBe(422);
    expect(p.instance).toBe("/api/v1/actions");
    expect(p.errors).toEqual([{ loc: ["body", "progress"], msg: "Input should be less than or equal to 100" }]);
  });

  it("reads FastAPI's default body, where the list sits in `detail`", () => {
    const p = parseProblem(422, { detail: [{ loc: ["query", "limit"], msg: "too big", type: "x" }] }, "Unprocessable Entity");
    expect(p.errors).toEqual([{ loc: ["query", "limit"], msg: "too big" }]);
    expect(p.detail).toBe("Unprocessable Entity");
  });

  it("still gives a status and message for a proxy's HTML page or an empty body", () => {
    expect(parseProblem(502, "<html>Bad gateway</html>", "Bad Gateway")).toMatchObject({ status: 502, title: "Bad Gateway" });
    expect(parseProblem(503, null, "Service Unavailable")).toMatchObject({ status: 503, detail: "Service Unavailable" });
  });

  it("parses a Response", async () => {
    const res = new Response(JSON.stringify({ type: "t", title: "Precondition Failed", status: 412, detail: "stale" }), { status: 412, statusText: "Precondition Failed" });
    expect(await problemFromResponse(res)).toMatchObject({ status: 412, detail: "stale" });
  });
});

describe("field errors", () => {
  it("are keyed by the path inside the body", () => {
    expect(fieldKey(["body", "milestones", 0, "title"])).toBe("milestones.0.title");
    expect(fieldKey(["query", "active_on"])).toBe("active_on");
    expect(fieldKey(["header", "Idempotency-Key"])).toBe("Idempotency-Key");
  });

  it("keep the first message per field", () => {
    const errs = fieldErrors({ type: "", title: "", status: 422, detail: "", errors: [
      { loc: ["body", "end_date"], msg: "Must not be before the start." },
      { loc: ["body", "end_date"], msg: "second" },
      { loc: ["body", "milestones", 1, "due_date"], msg: "Invalid date" },
    ] });
    expect(errs).toEqual({ end_date: "Must not be before the start.", "milestones.1.due_date": "Invalid date" });
  });

  it("lists the errors no input shows, so none is swallowed", () => {
    const errs = { progress: "x", "milestones.0.title": "y", lead_actor_id: "z" };
    expect(unplacedErrors(errs, ["progress", "milestones"])).toEqual([["lead_actor_id", "z"]]);
  });
});
