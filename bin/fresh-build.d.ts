/** Types of bin/fresh-build.js (plain JavaScript: bin/ runs before anything is built). */
export function freshBuild(root: string, dist?: string): { entry: string } | { stale: string };
