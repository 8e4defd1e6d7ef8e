#!/usr/bin/python3
"""A local HTTP sink that stands in for a CRM in the tests: accepts POSTs on 127.0.0.1:PORT, answers
204, and stores each request (headers as JSON, then the body) as a file in DIR.
Usage: http-sink.py DIR PORT"""
import http.server
import json
import os
import sys
import time


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        name = os.path.join(self.server.folder, f"{time.time():.6f}.req")
        with open(name + ".tmp", "wb") as out:
            out.write(json.dumps({k.lower(): v for k, v in self.headers.items()}).encode() + b"\n" + body)
        os.rename(name + ".tmp", name)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[2])), Sink)
server.folder = sys.argv[1]
os.makedirs(server.folder, exist_ok=True)
server.serve_forever()
