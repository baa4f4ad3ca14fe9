// Only the header matters; SwiftPM needs a source file to build the module.
#include "CEpoll.h"
