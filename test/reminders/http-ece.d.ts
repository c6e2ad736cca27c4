/** http_ece (RFC 8188 encrypted content-encoding) ships no types; these are the parts the tests use. */
declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  interface EceParams {
    version?: "aes128gcm" | "aesgcm";
    /** the receiver's key pair (decrypt) */
    privateKey?: ECDH;
    /** base64url text or bytes */
    authSecret?: string | Buffer;
  }
  const ece: {
    decrypt(buffer: Buffer, params: EceParams): Buffer;
    encrypt(buffer: Buffer, params: EceParams): Buffer;
  };
  export default ece;
}
