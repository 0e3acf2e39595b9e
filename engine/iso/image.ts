/**
 * What the ISO code reads images through: random access by offset, because a Fedora CoreOS live
 * ISO is about a gigabyte and only a few kilobytes of it are ever needed. Buffers in tests, a
 * file handle in engine/host/isoFiles.ts.
 */
export interface ImageReader {
  /** Size of the whole image in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `offset`; reading past the end is an IsoError('truncated'). */
  read(offset: number, length: number): Promise<Buffer>;
}

/** What went wrong, as a code callers can branch on and a sentence a person can act on. */
export type IsoErrorCode =
  | 'not-iso' // no ISO9660 primary volume descriptor
  | 'truncated' // a structure points past the end of the image
  | 'not-k3os' // an ISO9660 image, but not a k3OS ISO (volume id, /k3os, grub.cfg)
  | 'no-embed-area' // an ISO9660 image, but not a CoreOS live ISO with an Ignition embed area
  | 'bad-area' // the embed area holds something that is not a (compressed) cpio archive
  | 'already-embedded' // embed without force over an existing config.ign
  | 'no-config' // show or remove on an ISO with no embedded config
  | 'too-large' // the compressed archive does not fit in the area
  | 'unsafe-member'; // a cpio member name that would escape its folder

export class IsoError extends Error {
  constructor(
    readonly code: IsoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IsoError';
  }
}

/** An ImageReader over bytes already in memory. */
export function bufferImage(bytes: Buffer): ImageReader {
  return {
    size: bytes.length,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new IsoError('truncated', `the image ends at byte ${bytes.length}, but a structure in it reaches byte ${offset + length}`);
      }
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A value the user gave that cannot be used as it is (a device path, a kernel argument). */
export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
