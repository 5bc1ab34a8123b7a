#include <filesystem>
#include <iostream>

#include <iprdb/iprdb.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  auto db = iprdb::Database::create(std::filesystem::path(argv[1]) / "consumer.sqlite");
  auto guizhou = db.find_region("guizhou");
  if (!guizhou) return 1;
  std::cout << "consumer: " << guizhou->name << ' ' << guizhou->code.str() << " (iprdb "
            << iprdb::kVersion << ", schema " << db.schema_version() << ")\n";
  return 0;
}
