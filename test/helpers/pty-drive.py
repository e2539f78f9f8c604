#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and types at it, as a person would.

Reads a JSON plan on stdin: {"argv": [...], "env": {...}, "cols": 80, "rows": 24,
"steps": [{"send": "h", "expect": "decided 1", "timeout": 20}, ...], "kill": false}.
After each step's `send`, waits until `expect` appears in what the command drew since then.
With "kill": true the command gets SIGKILL after the last step (a dropped connection or a crash),
else it is waited for. Prints {"exit", "signal", "output", "failedStep"} as JSON. Python's pty module
stands in for node-pty, whose native build npm 11 does not run at install.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

plan = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", plan.get("rows", 24), plan.get("cols", 80), 0, 0))
    env = dict(os.environ, **plan.get("env", {}))
    os.execvpe(plan["argv"][0], plan["argv"], env)

output = b""
def read_some(deadline):
    global output
    while True:
        left = deadline - time.time()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], min(left, 0.2))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            output += chunk
            return True

failed = None
for i, step in enumerate(plan.get("steps", [])):
    mark = len(output)
    if "send" in step:
        os.write(fd, step["send"].encode())
    expect = step.get("expect")
    if expect is None:
        continue
    deadline = time.time() + step.get("timeout", 20)
    while expect.encode() not in output[mark:]:
        if not read_some(deadline):
            failed = i
            break
    if failed is not None:
        break

if plan.get("kill"):
    os.kill(pid, signal.SIGKILL)
deadline = time.time() + 20
while read_some(deadline):
    pass
_, status = os.waitpid(pid, 0)
print(json.dumps({
    "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
    "output": output.decode("utf-8", "replace"),
    "failedStep": failed,
}))
