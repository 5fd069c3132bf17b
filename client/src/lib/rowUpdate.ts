import { ApiError } from "../api/problem";

/**
 * A write from a list row: lists carry no ETag, so read the record (with its ETag) first and
 * refuse, as the server would with 412, when it is no longer the version the person saw.
 */
export async function guardedRowUpdate<T extends { version: number }>(
  seen: T,
  read: () => Promise<{ data: T; etag: string | null }>,
  write: (etag: string | null) => Promise<T>,
): Promise<T> {
  const { data, etag } = await read();
  if (data.version !== seen.version) {
    throw new ApiError({
      type: "https://regie.w13.be/problems/precondition-failed", title: "Precondition Failed", status: 412,
      detail: `version ${seen.version} → ${data.version}`,
    });
  }
  return write(etag);
}
