"""Who recognised Juan Guaidó's interim government on 5 February 2019, and on what evidence?

Run: python examples/venezuela_on_5_february_2019.py
"""

from __future__ import annotations

import recognition


def main() -> None:
    ledger = recognition.load("venezuela")
    answers = ledger.who("VE/guaido", on="2019-02-05")
    certain = [a for a in answers if a.certain and a.actor_kind == "state"]
    print(f"{len(certain)} states certainly recognised Guaidó on 5 February 2019:")
    for answer in certain:
        name = ledger.registry.lookup(answer.actor).name
        source = answer.sources[0]
        print(f"  {name:<28} since {answer.since}  ({source.outlet}: {source.url or source.title})")
    uncertain = [a.actor for a in answers if not a.certain]
    print(f"{len(uncertain)} more are uncertain (imprecise dates or disagreeing sources):")
    print("  " + ", ".join(uncertain))

    mexico = ledger.status("MX", "VE", on="2019-02-05")
    readings = [mexico.status, *(r.status for r in mexico.alternatives)]
    print(f"Mexico: {' or '.join(readings)} (certain: {mexico.certain})")
    for reading in mexico.alternatives:
        print(f"  {reading.status} per {', '.join(s.outlet for s in reading.sources)}")


if __name__ == "__main__":
    main()
