// okrkit — atomic file writes and whole-file reads.
#include "okrkit/io/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "okrkit/core/error.hpp"

namespace okrkit {

namespace {
std::string errno_text() { return std::strerror(errno); }
}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  // Temporary file beside the target so rename() stays on one file system.
  std::string tmpl = path + ".tmp-XXXXXX";
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) throw IoError("cannot create a temporary file beside it: " + errno_text(), {path});
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = errno_text();
      ::close(fd);
      ::unlink(tmpl.c_str());
      throw IoError("cannot write: " + why, {path});
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  // Close even when fsync fails, so a failed flush does not leak the descriptor.
  const bool synced = ::fsync(fd) == 0;
  std::string why = synced ? "" : errno_text();
  const bool closed = ::close(fd) == 0;
  if (synced && !closed) why = errno_text();
  if (!synced || !closed) {
    ::unlink(tmpl.c_str());
    throw IoError("cannot flush: " + why, {path});
  }
  ::chmod(tmpl.c_str(), 0644);
  if (std::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string why = errno_text();
    ::unlink(tmpl.c_str());
    throw IoError("cannot replace: " + why, {path});
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot open: " + errno_text(), {path});
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError("cannot read", {path});
  return ss.str();
}

}  // namespace okrkit
