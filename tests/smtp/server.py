"""A real SMTP server on loopback for the tests (aiosmtpd, from Debian's
python3-aiosmtpd or PyPI): each message received is written to a file of
the directory given, whole, with the envelope's recipients first.

    python3 server.py PORT DIRECTORY

Prints « ready » once it accepts connections; stops when its standard input
closes (the test that started it ended).
"""

import os
import sys
import time

from aiosmtpd.controller import Controller


class Saver:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{time.time_ns()}-{self.count}.eml"
        path = os.path.join(self.directory, name)
        with open(path + ".tmp", "wb") as out:
            out.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            out.write(envelope.original_content or envelope.content)
        os.rename(path + ".tmp", path)
        return "250 Message accepted"


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Saver(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
