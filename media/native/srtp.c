// SRTP's per-packet ciphers for the SFU's own forwarding path, with the OpenSSL contexts of a
// transport's keys made once and reused for every packet.
//
// node:crypto has no cipher that takes a new IV: each packet costs a cipher object, an OpenSSL
// context with its key schedule, and output buffers, freed later by the garbage collector (about
// 9 µs of CPU to decrypt and re-encrypt one video packet on the development machine, against about
// 1 µs here). This module does the same operations with the OpenSSL that Node itself links and
// exports: nothing is downloaded or vendored, and the algorithms are OpenSSL's, as in node:crypto.
// `npm install` compiles it when a C compiler and Node's headers are there (media/native/build.ts);
// without it, srtp-cipher.ts keeps node:crypto's path.
//
// The JavaScript side computes each packet's IV and rollover counter (srtp-cipher.ts); this side
// checks every length it is given, so that a wrong call gets an exception or -1, never a write
// outside a buffer.
#define NAPI_VERSION 8
#include <limits.h>
#include <node_api.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// The profiles, as srtp-cipher.ts numbers them.
#define PROFILE_GCM 1 // AEAD_AES_128_GCM (RFC 7714)
#define PROFILE_CM 2  // AES_CM_128_HMAC_SHA1_80 (RFC 3711)
#define KEY_LENGTH 16
#define GCM_IV_LENGTH 12
#define GCM_TAG_LENGTH 16
#define CM_IV_LENGTH 16
#define CM_AUTH_KEY_LENGTH 20
#define CM_TAG_LENGTH 10
#define SHA1_LENGTH 20
#define RTP_HEADER_MIN 12

typedef struct {
  int profile;
  EVP_CIPHER_CTX *seal;
  EVP_CIPHER_CTX *open;
  EVP_MAC *hmac;         // AES-CM only
  EVP_MAC_CTX *hmac_ctx; // keyed once; each packet re-initialises it with the same key
} SrtpContext;

static void free_context(SrtpContext *c) {
  if (c == NULL) return;
  EVP_CIPHER_CTX_free(c->seal);
  EVP_CIPHER_CTX_free(c->open);
  EVP_MAC_CTX_free(c->hmac_ctx);
  EVP_MAC_free(c->hmac);
  free(c);
}

static void finalize_context(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free_context(data);
}

static napi_value throw_type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

static napi_value int_value(napi_env env, int value) {
  napi_value result;
  napi_create_int32(env, value, &result);
  return result;
}

// A Buffer (or other Uint8Array) argument, or false.
static int read_bytes(napi_env env, napi_value value, uint8_t **data, size_t *length) {
  bool is_typed_array = false;
  if (napi_is_typedarray(env, value, &is_typed_array) != napi_ok || !is_typed_array) return 0;
  napi_typedarray_type type;
  void *pointer;
  if (napi_get_typedarray_info(env, value, &type, length, &pointer, NULL, NULL) != napi_ok || type != napi_uint8_array) return 0;
  *data = pointer;
  return 1;
}

static int read_context(napi_env env, napi_value value, SrtpContext **context) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external) return 0;
  return napi_get_value_external(env, value, (void **)context) == napi_ok && *context != NULL;
}

static int read_uint32(napi_env env, napi_value value, uint32_t *result) {
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_number) return 0;
  return napi_get_value_uint32(env, value, result) == napi_ok;
}

// HMAC-SHA1 over the packet (header and encrypted payload) and the rollover counter (RFC 3711
// §4.2), into `digest`.
static int cm_auth_tag(SrtpContext *c, const uint8_t *packet, size_t length, uint32_t rollover_counter, uint8_t digest[SHA1_LENGTH]) {
  const uint8_t roc[4] = {(uint8_t)(rollover_counter >> 24), (uint8_t)(rollover_counter >> 16), (uint8_t)(rollover_counter >> 8), (uint8_t)rollover_counter};
  size_t written = 0;
  return EVP_MAC_init(c->hmac_ctx, NULL, 0, NULL) == 1 && EVP_MAC_update(c->hmac_ctx, packet, length) == 1 && EVP_MAC_update(c->hmac_ctx, roc, sizeof roc) == 1 &&
         EVP_MAC_final(c->hmac_ctx, digest, &written, SHA1_LENGTH) == 1 && written == SHA1_LENGTH;
}

// createContext(profile, key, authKey?) → an external holding the contexts of one direction's keys.
static napi_value create_context(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  uint32_t profile = 0;
  uint8_t *key, *auth_key = NULL;
  size_t key_length, auth_key_length = 0;
  if (argc < 2 || !read_uint32(env, argv[0], &profile) || (profile != PROFILE_GCM && profile != PROFILE_CM)) return throw_type_error(env, "profile must be 1 (AES-GCM) or 2 (AES-CM)");
  if (!read_bytes(env, argv[1], &key, &key_length) || key_length != KEY_LENGTH) return throw_type_error(env, "key must be 16 bytes");
  if (profile == PROFILE_CM && (argc < 3 || !read_bytes(env, argv[2], &auth_key, &auth_key_length) || auth_key_length != CM_AUTH_KEY_LENGTH)) {
    return throw_type_error(env, "AES-CM needs a 20-byte authentication key");
  }
  SrtpContext *c = calloc(1, sizeof *c);
  if (c == NULL) {
    napi_throw_error(env, "ERR_OUT_OF_MEMORY", "no memory for SRTP contexts");
    return NULL;
  }
  c->profile = (int)profile;
  c->seal = EVP_CIPHER_CTX_new();
  c->open = EVP_CIPHER_CTX_new();
  const EVP_CIPHER *cipher = profile == PROFILE_GCM ? EVP_aes_128_gcm() : EVP_aes_128_ctr();
  int ok = c->seal != NULL && c->open != NULL && EVP_CipherInit_ex(c->seal, cipher, NULL, key, NULL, 1) == 1 &&
           EVP_CipherInit_ex(c->open, cipher, NULL, key, NULL, 0) == 1;
  if (ok && profile == PROFILE_CM) {
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, "SHA1", 0), OSSL_PARAM_construct_end()};
    c->hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    c->hmac_ctx = c->hmac != NULL ? EVP_MAC_CTX_new(c->hmac) : NULL;
    ok = c->hmac_ctx != NULL && EVP_MAC_init(c->hmac_ctx, auth_key, auth_key_length, params) == 1;
  }
  napi_value external;
  if (!ok || napi_create_external(env, c, finalize_context, NULL, &external) != napi_ok) {
    free_context(c);
    napi_throw_error(env, "ERR_CRYPTO_OPERATION_FAILED", "OpenSSL refused the SRTP keys");
    return NULL;
  }
  return external;
}

// open(context, iv, packet, headerLength, rolloverCounter, out) → the payload's length, written
// to `out`, or -1 when the packet does not authenticate.
static napi_value open_packet(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  SrtpContext *c;
  uint8_t *iv, *packet, *out;
  size_t iv_length, packet_length, out_length;
  uint32_t header_length, rollover_counter;
  if (argc < 6 || !read_context(env, argv[0], &c) || !read_bytes(env, argv[1], &iv, &iv_length) || !read_bytes(env, argv[2], &packet, &packet_length) ||
      !read_uint32(env, argv[3], &header_length) || !read_uint32(env, argv[4], &rollover_counter) || !read_bytes(env, argv[5], &out, &out_length)) {
    return throw_type_error(env, "open(context, iv, packet, headerLength, rolloverCounter, out)");
  }
  int gcm = c->profile == PROFILE_GCM;
  size_t tag_length = gcm ? GCM_TAG_LENGTH : CM_TAG_LENGTH;
  if (iv_length != (gcm ? GCM_IV_LENGTH : CM_IV_LENGTH)) return throw_type_error(env, "wrong IV length for the profile");
  if (packet_length > INT_MAX || header_length < RTP_HEADER_MIN || header_length + tag_length > packet_length) return int_value(env, -1);
  size_t payload_length = packet_length - header_length - tag_length;
  if (out_length < payload_length) return throw_type_error(env, "out is shorter than the payload");
  const uint8_t *payload = packet + header_length, *tag = packet + header_length + payload_length;
  int written = 0, last = 0;
  if (gcm) {
    int ok = EVP_CipherInit_ex(c->open, NULL, NULL, NULL, iv, 0) == 1 && EVP_CipherUpdate(c->open, NULL, &written, packet, (int)header_length) == 1 &&
             EVP_CipherUpdate(c->open, out, &written, payload, (int)payload_length) == 1 &&
             EVP_CIPHER_CTX_ctrl(c->open, EVP_CTRL_GCM_SET_TAG, GCM_TAG_LENGTH, (void *)tag) == 1 && EVP_CipherFinal_ex(c->open, out + written, &last) == 1;
    // Nothing of a forged packet's plaintext is left behind.
    if (!ok) {
      OPENSSL_cleanse(out, payload_length);
      return int_value(env, -1);
    }
    return int_value(env, written + last);
  }
  uint8_t digest[SHA1_LENGTH];
  // Authenticate first (RFC 3711 §3.3): a forged packet is never decrypted.
  if (!cm_auth_tag(c, packet, header_length + payload_length, rollover_counter, digest) || CRYPTO_memcmp(digest, tag, CM_TAG_LENGTH) != 0) {
    return int_value(env, -1);
  }
  if (EVP_CipherInit_ex(c->open, NULL, NULL, NULL, iv, 0) != 1 || EVP_CipherUpdate(c->open, out, &written, payload, (int)payload_length) != 1) return int_value(env, -1);
  return int_value(env, written);
}

// seal(context, iv, header, payload, rolloverCounter, out) → the datagram's length: `out` gets the
// header, the encrypted payload and the authentication tag.
static napi_value seal_packet(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  SrtpContext *c;
  uint8_t *iv, *header, *payload, *out;
  size_t iv_length, header_length, payload_length, out_length;
  uint32_t rollover_counter;
  if (argc < 6 || !read_context(env, argv[0], &c) || !read_bytes(env, argv[1], &iv, &iv_length) || !read_bytes(env, argv[2], &header, &header_length) ||
      !read_bytes(env, argv[3], &payload, &payload_length) || !read_uint32(env, argv[4], &rollover_counter) || !read_bytes(env, argv[5], &out, &out_length)) {
    return throw_type_error(env, "seal(context, iv, header, payload, rolloverCounter, out)");
  }
  int gcm = c->profile == PROFILE_GCM;
  size_t tag_length = gcm ? GCM_TAG_LENGTH : CM_TAG_LENGTH;
  if (iv_length != (gcm ? GCM_IV_LENGTH : CM_IV_LENGTH)) return throw_type_error(env, "wrong IV length for the profile");
  // Halves of INT_MAX keep the sum, and OpenSSL's int lengths, from overflowing.
  if (header_length < RTP_HEADER_MIN || header_length > INT_MAX / 2 || payload_length > INT_MAX / 2) return throw_type_error(env, "header or payload of a wrong size");
  size_t length = header_length + payload_length + tag_length;
  if (out_length < length) return throw_type_error(env, "out is shorter than the datagram");
  // The header may be a view of `out` itself; memmove copes.
  memmove(out, header, header_length);
  uint8_t *encrypted = out + header_length, *tag = encrypted + payload_length;
  int written = 0, last = 0;
  if (gcm) {
    int ok = EVP_CipherInit_ex(c->seal, NULL, NULL, NULL, iv, 1) == 1 && EVP_CipherUpdate(c->seal, NULL, &written, out, (int)header_length) == 1 &&
             EVP_CipherUpdate(c->seal, encrypted, &written, payload, (int)payload_length) == 1 && EVP_CipherFinal_ex(c->seal, encrypted + written, &last) == 1 &&
             EVP_CIPHER_CTX_ctrl(c->seal, EVP_CTRL_GCM_GET_TAG, GCM_TAG_LENGTH, tag) == 1;
    return int_value(env, ok ? (int)length : -1);
  }
  uint8_t digest[SHA1_LENGTH];
  int ok = EVP_CipherInit_ex(c->seal, NULL, NULL, NULL, iv, 1) == 1 && EVP_CipherUpdate(c->seal, encrypted, &written, payload, (int)payload_length) == 1 &&
           cm_auth_tag(c, out, header_length + payload_length, rollover_counter, digest);
  if (!ok) return int_value(env, -1);
  memcpy(tag, digest, CM_TAG_LENGTH);
  return int_value(env, (int)length);
}

NAPI_MODULE_INIT() {
  const napi_property_descriptor functions[] = {
      {"createContext", NULL, create_context, NULL, NULL, NULL, napi_enumerable, NULL},
      {"open", NULL, open_packet, NULL, NULL, NULL, napi_enumerable, NULL},
      {"seal", NULL, seal_packet, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions) != napi_ok) return NULL;
  return exports;
}
