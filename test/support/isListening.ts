import net from "node:net";

/** Whether something accepts TCP connections on 127.0.0.1:`port`, asked of the OS by connecting. */
export function isListening(port: number) {
    return new Promise<boolean>((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}
