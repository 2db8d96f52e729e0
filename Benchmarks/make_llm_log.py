"""Builds an `llm` log database (logs.db under LLM_USER_PATH) holding
1,000,000 responses in 1,000 conversations, through llm's own migrations, so
`llm logs -n 20` reads a log as large as WorkerDeck's B9 store."""
import datetime
import os
import sys

import sqlite_utils
from llm.migrations import migrate

home = sys.argv[1]
os.makedirs(home, exist_ok=True)
path = os.path.join(home, "logs.db")
if os.path.exists(path):
    os.remove(path)
db = sqlite_utils.Database(path)
migrate(db)
columns = set(db["responses"].columns_dict)
conversations = 1000
per_conversation = 1000
text = ("the quick brown fox jumps over the lazy dog while the worker keeps a transcript of realistic "
        "length so that a page holds about as many bytes as a console page shows.")
db["conversations"].insert_all(
    ({"id": f"conv{c:06d}", "name": f"conversation {c}", "model": "echo"} for c in range(conversations)),
    batch_size=1000,
)
start = datetime.datetime(2025, 1, 1)


def rows():
    n = 0
    for c in range(conversations):
        for i in range(per_conversation):
            n += 1
            row = {
                "id": f"r{n:09d}",
                "model": "echo",
                "prompt": f"question {i}: {text}",
                "system": None,
                "prompt_json": None,
                "options_json": "{}",
                "response": f"answer {i}: {text}",
                "response_json": None,
                "conversation_id": f"conv{c:06d}",
                "duration_ms": 5,
                "datetime_utc": (start + datetime.timedelta(seconds=n)).isoformat(),
                "input_tokens": 10,
                "output_tokens": 20,
            }
            yield {k: v for k, v in row.items() if k in columns}


db["responses"].insert_all(rows(), batch_size=10000)
open(os.path.join(home, ".complete"), "w").close()
print(f"llm log with {db['responses'].count} responses at {path}")
