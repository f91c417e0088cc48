import http from "node:http";

/** An HTTP request with full control of the headers (fetch won't set `Host`), answering status, headers and body. */
export function rawRequest(options: {port: number, path: string, method?: string, headers?: http.OutgoingHttpHeaders, body?: string}) {
    return new Promise<{status: number, headers: http.IncomingHttpHeaders, body: string}>((resolve, reject) => {
        const request = http.request({
            host: "127.0.0.1",
            port: options.port,
            path: options.path,
            method: options.method ?? "GET",
            headers: options.headers,
            // A fresh connection per request, so a refused request can't affect the next one.
            agent: false
        }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => body += chunk);
            response.on("end", () => resolve({status: response.statusCode!, headers: response.headers, body}));
        });
        request.on("error", reject);
        request.end(options.body);
    });
}
