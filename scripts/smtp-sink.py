#!/usr/bin/python3
"""A local SMTP sink for the demo and the tests: accepts every message on 127.0.0.1:PORT and stores
it as a file in DIR (one .eml per message). Debian's python3-aiosmtpd does the SMTP.
Usage: smtp-sink.py DIR PORT"""
import os
import signal
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, f"{time.time():.6f}-{self.count}.eml")
        with open(name + ".tmp", "wb") as out:
            out.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            out.write(f"X-Envelope-To: {','.join(envelope.rcpt_tos)}\r\n".encode())
            out.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)  # readers only ever see whole messages
        return "250 Message accepted for delivery"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
    controller.start()
    if len(sys.argv) > 3:
        # Bound and answering: the starting script waits for this file, not for any listener on
        # the port (another process may hold it).
        open(sys.argv[3], "w").close()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
