# Milliseconds from the process's start (argv[1], ns since the epoch) to the host's "Hosting starting" and "Now listening"
# log entries in TeleDerm's JSON console log (argv[2]); printed as two numbers for run.sh.
import datetime, json, sys

start_ms = int(sys.argv[1]) / 1e6
found = {}
for line in open(sys.argv[2]):
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    message = entry.get("Message", "")
    key = "starting" if message == "Hosting starting" else "listening" if message.startswith("Now listening") else None
    if key and key not in found:
        at = datetime.datetime.fromisoformat(entry["Timestamp"].replace("Z", "+00:00")).timestamp() * 1000
        found[key] = at - start_ms
print(f"{found.get('starting', float('nan')):.0f} {found.get('listening', float('nan')):.0f}")
