export type MediaErrorCode = "invalid_token" | "role_taken" | "room_closed" | "invalid_offer" | "no_media_node";

/** The only error the media server throws on purpose; transports map `code` to their own error shape. */
export class MediaError extends Error {
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MediaError";
    this.code = code;
  }
}
