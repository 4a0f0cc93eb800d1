"""The video wall workspace: camera tree, layouts, views, tours, alarm spot, PTZ, snapshots."""
