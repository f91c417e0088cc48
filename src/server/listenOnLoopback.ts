import type {FastifyInstance} from "fastify";
import type {AddressInfo} from "node:net";

/** The only interface the server ever binds: nothing on the network can reach it. */
export const loopbackHost = "127.0.0.1";

/** Binds 127.0.0.1 (port 0 picks a free port) and resolves with the port really bound. */
export async function listenOnLoopback(app: FastifyInstance, port: number) {
    await app.listen({host: loopbackHost, port});
    return (app.server.address() as AddressInfo).port;
}
