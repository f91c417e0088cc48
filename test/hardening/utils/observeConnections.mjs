// Loaded with `node --import` into a process under test: appends every outbound connection attempt (TCP, Unix
// socket, UDP) and DNS lookup to the file named by THOLOS_TEST_CONNECTIONS_LOG, one JSON line each, so a test can
// prove the process talked to nothing but loopback. Plain JS so it needs no loader of its own.
import dgram from "node:dgram";
import diagnosticsChannel from "node:diagnostics_channel";
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";

const logFile = process.env.THOLOS_TEST_CONNECTIONS_LOG;
const record = (entry) => fs.appendFileSync(logFile, JSON.stringify({pid: process.pid, ...entry}) + "\n");

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
    const options = typeof args[0] === "object" && args[0] != null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : null;
    if (options != null) record({kind: "connect", host: options.host ?? null, port: options.port ?? null, path: options.path ?? null});
    else if (typeof args[0] === "string" && Number.isNaN(Number(args[0]))) record({kind: "connect", path: args[0]});
    else record({kind: "connect", port: Number(args[0]), host: typeof args[1] === "string" ? args[1] : null});
    return connect.apply(this, args);
};
diagnosticsChannel.subscribe("net.client.socket", ({socket}) => {
    socket.once("connect", () => record({kind: "connected", remoteAddress: socket.remoteAddress ?? null, remotePort: socket.remotePort ?? null}));
});
for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) {
    const original = dns[name];
    dns[name] = function (hostname, ...rest) {
        record({kind: "dns", hostname});
        return original.call(this, hostname, ...rest);
    };
}
for (const name of ["send", "connect"]) {
    const original = dgram.Socket.prototype[name];
    dgram.Socket.prototype[name] = function (...args) {
        record({kind: `udp-${name}`, args: args.filter((arg) => typeof arg === "string" || typeof arg === "number")});
        return original.apply(this, args);
    };
}
