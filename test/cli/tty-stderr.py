# Runs a command with its stderr on a pseudo-terminal 100 columns wide (stdout and stdin elsewhere),
# and prints what the terminal received, base64-encoded, then the exit code. For test/cli/spinner.test.ts.
import base64, fcntl, os, pty, struct, subprocess, sys, termios, time

master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 100, 0, 0))
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=slave, stdin=subprocess.DEVNULL)
os.close(slave)
received = b''
deadline = time.time() + 60
while time.time() < deadline:
    try:
        data = os.read(master, 65536)
    except OSError:
        break
    if not data:
        break
    received += data
print(base64.b64encode(received).decode())
print(child.wait())
