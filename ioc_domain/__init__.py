"""Product rules written once and shared by the backend, the client and the console (no Qt, no I/O).

``roles``: who may do what; ``alerts``: the alert workflow; ``levels``: how urgent a change is;
``analytics``: the catalogue of the IOC's video analytics; ``dispatch``: the units an alert goes to;
``statuses``: the status vocabularies of reports, tasks and meetings.
"""
