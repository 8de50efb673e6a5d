import { AppError } from "../../errors.ts";

export const MAX_DELIVERABLE_BYTES = 20 * 1024 * 1024;
export const MAX_COVER_BYTES = 5 * 1024 * 1024;
export const MAX_DELIVERABLES = 3;

type Kind = { extensions: string[]; contentTypes: string[]; looksRight: (head: Uint8Array) => boolean };

const starts = (head: Uint8Array, bytes: number[], offset = 0) => bytes.every((byte, index) => head[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const zip = (head: Uint8Array) => starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06]);
const png = (head: Uint8Array) => starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const jpeg = (head: Uint8Array) => starts(head, [0xff, 0xd8, 0xff]);
const webp = (head: Uint8Array) => starts(head, ascii("RIFF")) && starts(head, ascii("WEBP"), 8);

// The extension, the declared content type and the first bytes must all agree, so a
// renamed executable is not served back as a PDF or an image.
const deliverableKinds: Kind[] = [
  { extensions: ["pdf"], contentTypes: ["application/pdf"], looksRight: (head) => starts(head, ascii("%PDF-")) },
  { extensions: ["zip"], contentTypes: ["application/zip", "application/x-zip-compressed"], looksRight: zip },
  { extensions: ["png"], contentTypes: ["image/png"], looksRight: png },
  { extensions: ["jpg", "jpeg"], contentTypes: ["image/jpeg"], looksRight: jpeg },
  {
    extensions: ["mp3"],
    contentTypes: ["audio/mpeg", "audio/mp3"],
    looksRight: (head) => starts(head, ascii("ID3")) || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0),
  },
  { extensions: ["mp4"], contentTypes: ["video/mp4"], looksRight: (head) => starts(head, ascii("ftyp"), 4) },
  { extensions: ["txt"], contentTypes: ["text/plain"], looksRight: (head) => !head.includes(0) },
  {
    extensions: ["docx"],
    contentTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    looksRight: zip,
  },
  {
    extensions: ["xlsx"],
    contentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    looksRight: zip,
  },
];

const coverKinds: Kind[] = [
  { extensions: ["png"], contentTypes: ["image/png"], looksRight: png },
  { extensions: ["jpg", "jpeg"], contentTypes: ["image/jpeg"], looksRight: jpeg },
  { extensions: ["webp"], contentTypes: ["image/webp"], looksRight: webp },
];

/** The content type to store and serve, or 415 when name, type and bytes disagree. */
export function checkFileType(kind: "deliverable" | "cover", file: { fileName: string; contentType: string; bytes: Uint8Array }) {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(file.fileName)?.[1]?.toLowerCase() ?? "";
  const declared = file.contentType.split(";")[0]!.trim().toLowerCase();
  const match = (kind === "cover" ? coverKinds : deliverableKinds).find(
    (candidate) => candidate.extensions.includes(extension) && candidate.contentTypes.includes(declared),
  );
  if (!match || !match.looksRight(file.bytes.subarray(0, 64))) {
    const allowed = kind === "cover" ? "PNG, JPEG or WebP" : "PDF, ZIP, PNG, JPEG, MP3, MP4, TXT, DOCX or XLSX";
    throw new AppError("unsupported_media_type", `Upload a ${allowed} file whose name, type and contents agree.`);
  }
  return match.contentTypes[0]!;
}

/**
 * The uploaded name is kept only as metadata shown to people: strip any directory part
 * and control characters, so even a client that trusts it cannot be led elsewhere.
 */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "file" : cleaned;
}

/** The columns every stored upload's row shares (tweep files, profile images, shared documents). */
export function storedFileColumns(stored: { key: string; sizeBytes: number }, upload: { fileName: string; contentType: string; at: Date }) {
  return { storageKey: stored.key, fileName: cleanFileName(upload.fileName), contentType: upload.contentType, sizeBytes: stored.sizeBytes, createdAt: upload.at };
}
