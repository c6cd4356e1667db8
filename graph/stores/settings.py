"""Neo4j connection settings, read from the environment in this one place only."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["Neo4jSettings"]


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str = "neo4j://127.0.0.1:7687"
    user: str = "neo4j"
    password: str = field(default="", repr=False)  # never shown in reprs, logs or errors
    database: str = "neo4j"
    configured: bool = False  # True when NEO4J_URI was set explicitly

    @classmethod
    def from_env(cls, env=None) -> "Neo4jSettings":
        env = os.environ if env is None else env
        return cls(uri=env.get("NEO4J_URI") or cls.uri,
                   user=env.get("NEO4J_USER") or cls.user,
                   password=env.get("NEO4J_PASSWORD", ""),
                   database=env.get("NEO4J_DATABASE") or cls.database,
                   configured=bool(env.get("NEO4J_URI")))

    def describe(self) -> str:
        """Where we connect, safe to print: no password."""
        return f"{self.uri} (database {self.database}, user {self.user})"
