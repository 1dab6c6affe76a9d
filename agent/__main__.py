"""`python -m agent`: the same CLI as the `agent` script (the services run it this way)."""

from agent.cli.start import main

if __name__ == "__main__":
    main()
