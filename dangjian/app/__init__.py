"""The command line and the build, check and serve drivers."""
