"""B13: writes elia-chat's database with elia's own schema (its SQLModel
tables, created by elia's code) and fills it with CHATS conversations of
MESSAGES messages each, the same text WorkerDeck's bench store holds.

usage: python make_db.py CHATS MESSAGES   (XDG_DATA_HOME names elia's data dir)
"""
import datetime
import sqlite3
import sys

from sqlmodel import SQLModel, create_engine

from elia_chat.database import models  # noqa: F401  (registers elia's tables)
from elia_chat.database.database import sqlite_file_name

chats, messages = int(sys.argv[1]), int(sys.argv[2])
sqlite_file_name.unlink(missing_ok=True)
SQLModel.metadata.create_all(create_engine(f"sqlite:///{sqlite_file_name}"))

t0 = datetime.datetime(2026, 5, 9, 12, 0, 0)


def content(sequence: int) -> str:
    # BenchData.content in the Swift bench.
    role = "question" if sequence % 2 == 1 else "answer"
    return (f"{role} {sequence}: the quick brown fox jumps over the lazy dog while the worker keeps a "
            "transcript of realistic length so that a page holds about as many bytes as a console page shows.")


db = sqlite3.connect(sqlite_file_name)
db.execute("PRAGMA journal_mode=WAL")
stamp = lambda seconds: (t0 + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S.%f")
db.executemany("INSERT INTO chat (id, model, title, started_at, archived) VALUES (?, 'bench', ?, ?, 0)",
               ((c, f"conversation {c:04d}", stamp(c * messages)) for c in range(1, chats + 1)))
next_id = 1
for c in range(1, chats + 1):
    rows = []
    for s in range(1, messages + 1):
        rows.append((next_id, c, "user" if s % 2 == 1 else "assistant", content(s), stamp(c * messages + s),
                     "{}", next_id - 1 if s > 1 else None, "bench"))
        next_id += 1
    db.executemany("INSERT INTO message (id, chat_id, role, content, timestamp, meta, parent_id, model) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
db.commit()
db.close()
print(f"{chats} chats x {messages} messages in {sqlite_file_name}")
