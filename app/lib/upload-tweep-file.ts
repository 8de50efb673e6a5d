// Uploads one file to the API as multipart/form-data (field `file`) with progress. XHR
// rather than fetch because fetch reports no upload progress. The server checks the Origin
// of multipart requests, which the browser sends itself on a same-origin POST.

import { ApiError } from "./api-client.ts";

export function uploadTweepFile<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1${path}`);
    request.withCredentials = true;
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, "network_error", "The server could not be reached."));
    request.onload = () => {
      let data: unknown;
      try {
        data = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(data as T);
        return;
      }
      const error = (data as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      if (error && typeof error.code === "string") {
        reject(new ApiError(request.status, error.code, typeof error.message === "string" ? error.message : ""));
      } else {
        reject(new ApiError(request.status, `http_${request.status}`, request.statusText));
      }
    };
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}
