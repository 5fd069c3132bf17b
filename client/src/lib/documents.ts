/**
 * Documents of meetings and actions: the upload, sent with XMLHttpRequest because fetch cannot
 * report how much of a request body has gone out (a 20 MB file on a slow line takes a while),
 * and the words for sizes.
 */

import { ApiError, NetworkError, parseProblem } from "../api/problem";

export type DocumentParent = "meetings" | "actions";

export interface UploadRequest {
  parent: DocumentParent;
  parentId: string;
  file: Blob;
  filename: string;
  kind: string;
  title?: string;
  token: string | null;
  lang: string;
}

/** Bytes sent and to send, as the browser reports them. */
export type OnProgress = (sent: number, total: number) => void;

export interface XhrLike {
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  status: number;
  statusText: string;
  responseText: string;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
}

export function uploadUrl(r: Pick<UploadRequest, "parent" | "parentId" | "filename" | "kind" | "title">): string {
  const query = new URLSearchParams({ filename: r.filename, kind: r.kind });
  if (r.title?.trim()) query.set("title", r.title.trim());
  return `/api/v1/${r.parent}/${encodeURIComponent(r.parentId)}/documents?${query.toString()}`;
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/**
 * Send the file as the whole request body (the server decides its type from the content, so
 * the Content-Type says nothing more than "bytes"); resolves to the stored document.
 */
export function uploadDocument<T>(
  r: UploadRequest,
  onProgress: OnProgress,
  makeXhr: () => XhrLike = () => new XMLHttpRequest() as unknown as XhrLike,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = makeXhr();
    xhr.open("POST", uploadUrl(r));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", r.lang);
    if (r.token) xhr.setRequestHeader("Authorization", `Bearer ${r.token}`);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : r.file.size);
    xhr.onload = () => {
      const body = parsed(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(r.file.size, r.file.size);
        resolve(body as T);
      } else {
        reject(new ApiError(parseProblem(xhr.status, body, xhr.statusText)));
      }
    };
    xhr.onerror = () => reject(new NetworkError(new Error("upload failed"), "POST"));
    xhr.onabort = () => reject(new NetworkError(new Error("upload aborted"), "POST"));
    xhr.send(r.file);
  });
}

/** A file size in the reader's words: bytes, kB or MB, counted by 1024 as the server's 20 MB
 * limit is (so a file at the limit reads "20 MB"). */
export function formatSize(bytes: number, lang: string): string {
  const fmt = (v: number, digits: number) =>
    new Intl.NumberFormat(lang === "en" ? "en-GB" : `${lang}-BE`, { maximumFractionDigits: digits }).format(v);
  if (bytes < 1024) return `${fmt(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024, 0)} kB`;
  return `${fmt(bytes / (1024 * 1024), 1)} MB`;
}

/** What the file input offers (the server checks the content all the same). */
export const ACCEPT = ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg";
