from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = {{ cookiecutter.port }}


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"hello from {{ cookiecutter.component_id }}\n")


if __name__ == "__main__":
    HTTPServer(("", PORT), Hello).serve_forever()
