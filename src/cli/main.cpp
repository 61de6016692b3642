// okrkit command-line tool (placeholder until the foundation CLI lands).
#include <cstdio>

#include <okrkit/version.hpp>

int main() {
  std::printf("okrkit %s\n", okrkit::version);
  return 0;
}
