/**
 * DNS-rebinding defence: a browser page on evil.example that re-points its name at 127.0.0.1 still sends
 * `Host: evil.example`, so only this server's own loopback names and port are accepted.
 */
export function isAllowedHost(host: string | undefined, port: number) {
    if (host == null) return false;
    return host === `127.0.0.1:${port}` || host.toLowerCase() === `localhost:${port}`;
}
