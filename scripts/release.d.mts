// Types of scripts/release.mjs, for the tests that use its pin writer.
export declare const INSTALLER: string;
export declare const ORB_INSTALLER: string;
export declare const COMPONENT: string;
export declare function sha256(data: string | Uint8Array): string;
export declare function releaseFiles(dir: string): string[];
export declare function sha256sums(pins: Record<string, string>): string;
export declare function pinsBlock(version: string, pins: Record<string, string>, nodeVersion?: string): string;
export declare function withPins(
  text: string,
  version: string,
  pins: Record<string, string>,
  nodeVersion?: string,
): string;
export declare function readPins(text: string): {
  version: string | undefined;
  nodeVersion: string | undefined;
  pins: Record<string, string>;
};
export declare function withComponentInstaller(component: string, installer: string): string;
export declare function plannedFiles(pins: Record<string, string>, nodeVersion?: string): Record<string, string>;
export declare function packNpm(dir: string): string;
export declare function release(opts?: {
  out?: string;
  build?: boolean;
  check?: boolean;
  complete?: boolean;
}): Promise<{
  out: string;
  pins: Record<string, string>;
  differs: string[];
}>;
